/** A problem in one pack file, reported with where it is so a knowledge engineer can fix it. */
export class PackError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'PackError';
  }
}
