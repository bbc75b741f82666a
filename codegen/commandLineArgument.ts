// The value after a `--name` flag on the generators' command lines, if given.

export function commandLineArgument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i === -1) return undefined;
  const value = process.argv[i + 1];
  if (value === undefined) throw new Error(`${name} needs a value`);
  return value;
}
