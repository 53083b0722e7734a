// tfjs prints a banner in Node and warns on every orthogonal init above 2000 elements; neither
// says anything about the code under test, and together they bury real failures.
const NOISE = [
  /Orthogonal initializer is being called/,
  /running TensorFlow\.js in Node\.js/,
  /^=+$/,
];
for (const method of ['warn', 'log'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    const text = args.map(String).join(' ').trim();
    if (text === '' || NOISE.some((re) => re.test(text))) return;
    original(...args);
  };
}
