// The media the virtual users "send" are real files: `file` recognises them and their headers say what they are.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleMedia } from '../../../src/emulator/sample-media.js';

const sampleJpeg = sampleMedia('image');
const samplePreviewJpeg = sampleMedia('preview');
const sampleMp4 = sampleMedia('video');
const sampleM4a = sampleMedia('audio');
import { startEmulator } from '../../../src/emulator/start-emulator.js';

const hasFile = spawnSync('file', ['--version']).status === 0;

function jpegSize(bytes: Uint8Array): [number, number] {
  // Walk the JPEG segments to the SOF0 marker: height and width follow the precision byte.
  let offset = 2;
  while (offset < bytes.length) {
    const marker = bytes[offset + 1]!;
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    if (marker === 0xc0) return [(bytes[offset + 7]! << 8) | bytes[offset + 8]!, (bytes[offset + 5]! << 8) | bytes[offset + 6]!];
    offset += 2 + length;
  }
  throw new Error('no SOF0 marker');
}

describe('sample media', () => {
  it('are baseline JPEGs of 64×48 and 24×16, and ISO BMFF files with the MP4 and M4A brands', () => {
    expect(jpegSize(sampleJpeg.bytes)).toEqual([64, 48]);
    expect(jpegSize(samplePreviewJpeg.bytes)).toEqual([24, 16]);
    for (const jpeg of [sampleJpeg, samplePreviewJpeg]) {
      expect([...jpeg.bytes.slice(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
      expect([...jpeg.bytes.slice(-2)]).toEqual([0xff, 0xd9]);
      expect(jpeg.contentType).toBe('image/jpeg');
    }
    const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
    expect(ascii(sampleMp4.bytes, 4, 12)).toBe('ftypisom');
    expect(ascii(sampleM4a.bytes, 4, 12)).toBe('ftypM4A ');
    // ftyp box + one moov box covering the rest of the file.
    for (const media of [sampleMp4, sampleM4a]) {
      const view = new DataView(media.bytes.buffer, media.bytes.byteOffset, media.bytes.byteLength);
      const ftyp = view.getUint32(0);
      expect(ascii(media.bytes, ftyp + 4, ftyp + 8)).toBe('moov');
      expect(ftyp + view.getUint32(ftyp)).toBe(media.bytes.byteLength);
    }
  });

  it.runIf(hasFile)('are recognised by file(1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-media-'));
    try {
      const describe = (bytes: Uint8Array) => {
        const path = join(dir, 'sample');
        writeFileSync(path, bytes);
        return spawnSync('file', ['-b', path], { encoding: 'utf8' }).stdout.trim();
      };
      expect(describe(sampleJpeg.bytes)).toMatch(/^JPEG image data, JFIF standard 1\.01.*baseline, precision 8, 64x48, components 3$/);
      expect(describe(samplePreviewJpeg.bytes)).toMatch(/^JPEG image data.*24x16, components 3$/);
      expect(describe(sampleMp4.bytes)).toMatch(/^ISO Media, MP4 Base Media/);
      expect(describe(sampleM4a.bytes)).toBe('ISO Media, Apple iTunes ALAC/AAC-LC (.M4A) Audio');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a user may send their own bytes', async () => {
    const emu = await startEmulator();
    try {
      const entry = await emu.sendAs('Sally', { type: 'image', data: new Uint8Array([1, 2, 3]) });
      const response = await fetch(`${emu.url}/v1/bot/message/${entry.messageId ?? ''}/content`, { headers: { 'X-Line-ChannelToken': emu.channelToken } });
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([1, 2, 3]);
      await expect(startEmulator({ users: [{ displayName: 'A' }, { displayName: 'A' }] })).rejects.toThrow(/^addUser: a user with MID u[0-9a-f]{32} exists already\.$/);
    } finally {
      await emu.close();
    }
  });
});
