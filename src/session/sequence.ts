import { basename, extname } from 'node:path';
import { SessionInputError } from './errors.js';

/**
 * The Python API's sequence notation (clique): `/renders/shot.%04d.exr [1001-1100]`,
 * with holes `[1-3, 5-9]` and single frames `[1, 4, 7]`.
 */
export interface SequenceSpec {
  head: string;
  tail: string;
  /** Digits of the frame number (`%04d` → 4, `%d` → 0). */
  padding: number;
  frames: number[];
}

const NOTATION = /^(.*?)%(0?\d*)d(.*?)\s+\[([\d\s,-]+)\]\s*$/;

/** Parses sequence notation; undefined when `text` is not in that notation. */
export function parseSequence(text: string): SequenceSpec | undefined {
  const match = NOTATION.exec(text);
  if (!match) return undefined;
  const [, head = '', width = '', tail = '', ranges = ''] = match;
  const padding = width === '' ? 0 : Number(width);
  const frames = new Set<number>();
  for (const part of ranges.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(item);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to < from) throw new SessionInputError(`Invalid frame range "${item}" in "${text}": the end is before the start`);
      if (to - from > 1_000_000) throw new SessionInputError(`Frame range "${item}" is too large`);
      for (let f = from; f <= to; f++) frames.add(f);
    } else if (/^\d+$/.test(item)) {
      frames.add(Number(item));
    } else {
      throw new SessionInputError(`Invalid frame list "[${ranges}]" in "${text}"; write ranges like [1001-1100] or [1-3, 5-9]`);
    }
  }
  if (frames.size === 0) throw new SessionInputError(`No frames in "${text}"`);
  return { head, tail, padding, frames: [...frames].sort((a, b) => a - b) };
}

/** The file path of one frame. */
export function framePath(spec: SequenceSpec, frame: number): string {
  return `${spec.head}${String(frame).padStart(spec.padding, '0')}${spec.tail}`;
}

/** Component name for a sequence: the file name before the frame number, else `main`. */
export function sequenceName(spec: SequenceSpec): string {
  return basename(spec.head).replace(/[._\-\s]+$/, '') || 'main';
}

/** File type (with the dot) of a sequence's frames. */
export function sequenceFileType(spec: SequenceSpec): string {
  return /\.[^./\\]+$/.exec(spec.tail)?.[0] ?? extname(spec.tail);
}
