/**
 * Short runs of a file's bytes as they would appear if leaked: base64 (at each of the three
 * alignments), base64url and hex, taken from several places in the file.
 */
export function secretRuns(bytes: Buffer, length = 24): string[] {
  const runs: string[] = [];
  for (const at of [16, Math.floor(bytes.length / 3), Math.floor(bytes.length / 2), bytes.length - 64]) {
    for (const shift of [0, 1, 2]) {
      const b64 = bytes.subarray(at + shift, at + shift + length).toString('base64');
      runs.push(
        b64.slice(4, 4 + length),
        b64
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .slice(4, 4 + length),
      );
    }
    runs.push(
      bytes.subarray(at, at + length / 2).toString('hex'),
      bytes
        .subarray(at, at + length / 2)
        .toString('hex')
        .toUpperCase(),
    );
  }
  return runs;
}
