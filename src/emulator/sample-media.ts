/**
 * Tiny real media files the virtual users "send", served by `GET /v1/bot/message/{id}/content[/preview]`.
 * Made for the emulator with small scripts (a DC-only baseline JPEG encoder and hand-built ISO BMFF boxes):
 * `file` reports them as JPEG 64×48 / 24×16, ISO Media MP4 and Apple iTunes M4A. The MP4/M4A are valid
 * containers with a one-second duration and no samples: enough for a bot to store, hash or forward.
 */

import { decodeBase64 } from '../signature/base64.js';

/** A downloadable media sample. */
export interface SampleMedia {
  /** The bytes. */
  readonly bytes: Uint8Array;
  /** The MIME type served as `Content-Type`. */
  readonly contentType: string;
  /** The file name suggested in `Content-Disposition`. */
  readonly fileName: string;
}

/** The samples, as Base64 with their type and name; decoded on first use, not when the module loads. */
const SAMPLES = {
  /** A 64×48 baseline JPEG (green to blue gradient). */
  image: {
    base64: '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAj/wAARCAAwAEADAREAAhEAAxEA/8QAHwAAAAAMAAAAAAAAAAAAAAAAAAECAwQFBgcICQoL/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACAAMAAD8AEVp1QslBCyWAcJQBZKALJQQ4SgCyUAozux0WSgCyWAcJQBZKCFkkAslgHCUAojux0cJQBZKALJQQ4SgCyUAWSwDhKCKE7seHCUAWSwCyUAcJQQslAFkoA4SgFEd2OiyUAcJYBZKCFkoA4SgCyUAWSgijO7HhZKALJYQ4SgCyUAWSgDhKCFkoD//Z',
    contentType: 'image/jpeg',
    fileName: 'image.jpg',
  },

  /** A 24×16 baseline JPEG: the preview of images and videos. */
  preview: {
    base64: '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAj/wAARCAAQABgDAREAAhEAAxEA/8QAHwAAAAAMAAAAAAAAAAAAAAAAAAECAwQFBgcICQoL/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACAAMAAD8ANjJ1pJLsBJLoIzpkyaSS7CJJdgf/2Q==',
    contentType: 'image/jpeg',
    fileName: 'preview.jpg',
  },

  /** An MP4 container (brand isom), one second, no samples. */
  video: {
    base64: 'AAAAHGZ0eXBpc29tAAAAAGlzb21pc28ybXA0MQAAAcVtb292AAAAbG12aGQAAAAAAAAAAAAAAAAAAAPoAAAD6AABAAABAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACAAABUXRyYWsAAABcdGtoZAAAAAcAAAAAAAAAAAAAAAEAAAAAAAAD6AAAAAAAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAEAAAAAAQAAAADAAAAAAAO1tZGlhAAAAIG1kaGQAAAAAAAAAAAAAAAAAAAPoAAAD6FXEAAAAAAApaGRscgAAAAAAAAAAdmlkZQAAAAAAAAAAAAAAAGVtdWxhdG9yAAAAAJxtaW5mAAAAFHZtaGQAAAABAAAAAAAAAAAAAAAkZGluZgAAABxkcmVmAAAAAAAAAAEAAAAMdXJsIAAAAAEAAABcc3RibAAAABBzdHNkAAAAAAAAAAAAAAAQc3R0cwAAAAAAAAAAAAAAEHN0c2MAAAAAAAAAAAAAABRzdHN6AAAAAAAAAAAAAAAAAAAAEHN0Y28AAAAAAAAAAA==',
    contentType: 'video/mp4',
    fileName: 'video.mp4',
  },

  /** An M4A container (brand "M4A "), one second, no samples. */
  audio: {
    base64: 'AAAAHGZ0eXBNNEEgAAAAAE00QSBpc29tbXA0MgAAAcFtb292AAAAbG12aGQAAAAAAAAAAAAAAAAAAAPoAAAD6AABAAABAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACAAABTXRyYWsAAABcdGtoZAAAAAcAAAAAAAAAAAAAAAEAAAAAAAAD6AAAAAAAAAAAAAAAAAEAAAAAAQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAOltZGlhAAAAIG1kaGQAAAAAAAAAAAAAAAAAAAPoAAAD6FXEAAAAAAApaGRscgAAAAAAAAAAc291bgAAAAAAAAAAAAAAAGVtdWxhdG9yAAAAAJhtaW5mAAAAEHNtaGQAAAAAAAAAAAAAACRkaW5mAAAAHGRyZWYAAAAAAAAAAQAAAAx1cmwgAAAAAQAAAFxzdGJsAAAAEHN0c2QAAAAAAAAAAAAAABBzdHRzAAAAAAAAAAAAAAAQc3RzYwAAAAAAAAAAAAAAFHN0c3oAAAAAAAAAAAAAAAAAAAAQc3RjbwAAAAAAAAAA',
    contentType: 'audio/mp4',
    fileName: 'audio.m4a',
  },
} as const;

const decoded = new Map<keyof typeof SAMPLES, SampleMedia>();

/** A sample file a virtual user "sends": `image` (JPEG), `preview` (the JPEG preview of images and videos), `video` (MP4), `audio` (M4A). */
export function sampleMedia(kind: keyof typeof SAMPLES): SampleMedia {
  let sample = decoded.get(kind);
  if (sample === undefined) {
    const { base64, contentType, fileName } = SAMPLES[kind];
    // The package's own decoder (atob, not Buffer): the emulator runs on every runtime.
    const bytes = decodeBase64(base64);
    if (bytes === undefined) throw new Error(`sample-media: the ${kind} sample is not canonical Base64.`);
    sample = Object.freeze({ bytes, contentType, fileName });
    decoded.set(kind, sample);
  }
  return sample;
}
