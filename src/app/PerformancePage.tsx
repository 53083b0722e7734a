/**
 * The Performance chapter with its two cells, in one chunk that loads when the chapter opens: the
 * first paint carries neither its prose, its cells, nor the kernel and benchmark sources they show.
 */
import Performance from '../../content/06-performance.mdx';
import { KERNEL_FILES, KernelSourceCell } from '../notebook/KernelSourceCell';
import { loadSources } from '../notebook/lateSources';
import { PERF_FILES, PerfCell } from '../notebook/PerfCell';
import { cellSlot } from './embedSlots';

const cells = { PerfCell: cellSlot(PerfCell), KernelSourceCell: cellSlot(KernelSourceCell) };

loadSources([...PERF_FILES, ...KERNEL_FILES]);

export default function PerformancePage({ components }: { components?: Record<string, unknown> }) {
  return <Performance components={{ ...(components as object), ...cells }} />;
}
