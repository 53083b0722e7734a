/** Chapters in content/*.mdx compile to React components that take their components as props. */
declare module '*.mdx' {
  import type { ComponentType, ReactNode } from 'react';
  type Components = Record<string, ComponentType<never> | string>;
  const Chapter: ComponentType<{ components?: Components; children?: ReactNode }>;
  export default Chapter;
}
