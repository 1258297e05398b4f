/**
 * Wire shapes of outgoing messages: the `content` object of `POST /v1/events` without `toType`
 * (spec §3). The client adds `toType`, `to`, `toChannel` and `eventType`. Builders in this folder
 * return these after validation; a hand-written value of the same shape is accepted too.
 */

/** `{contentType:1, text}` */
export interface TextContent { contentType: 1; text: string }
/** `{contentType:2, originalContentUrl, previewImageUrl}`: JPEG, original ≤1024×1024, preview ≤240×240. */
export interface ImageContent { contentType: 2; originalContentUrl: string; previewImageUrl: string }
/** `{contentType:3, originalContentUrl, previewImageUrl}`: MP4 and a JPEG preview. */
export interface VideoContent { contentType: 3; originalContentUrl: string; previewImageUrl: string }
/** `{contentType:4, originalContentUrl, contentMetadata:{AUDLEN}}`: M4A; AUDLEN is milliseconds as a string. */
export interface AudioContent { contentType: 4; originalContentUrl: string; contentMetadata: { AUDLEN: string } }
/** `{contentType:7, text: title, location:{title, address?, latitude, longitude}}` */
export interface LocationContent {
  contentType: 7;
  text: string;
  location: { title: string; address?: string; latitude: number; longitude: number };
}
/** `{contentType:8, contentMetadata:{STKID, STKPKGID, STKVER?}}`: all strings. */
export interface StickerContent {
  contentType: 8;
  contentMetadata: { STKID: string; STKPKGID: string; STKVER?: string };
}
/** `{contentType:12, contentMetadata:{SPEC_REV, DOWNLOAD_URL, ALT_TEXT, MARKUP_JSON}}`: MARKUP_JSON is JSON text. */
export interface RichMessageContent {
  contentType: 12;
  contentMetadata: { SPEC_REV: string; DOWNLOAD_URL: string; ALT_TEXT: string; MARKUP_JSON: string };
}
/** A BC link message from a registered template; sent with its own `toChannel` and `eventType`. */
export interface LinkMessageContent {
  templateId: string;
  previewUrl?: string;
  textParams?: Record<string, string>;
  subTextParams?: Record<string, string>;
  altTextParams?: Record<string, string>;
  linkTextParams?: Record<string, string>;
  /** Android link parameters. */
  aLinkUriParams?: Record<string, string>;
  /** iOS link parameters. */
  iLinkUriParams?: Record<string, string>;
  /** Web link parameters. */
  linkUriParams?: Record<string, string>;
}

/** Any message that can be sent in a single- or multiple-messages event. */
export type SendableMessage =
  | TextContent
  | ImageContent
  | VideoContent
  | AudioContent
  | LocationContent
  | StickerContent
  | RichMessageContent;

/** Anything `LineClient.send` accepts: a message content or a link message. */
export type OutgoingMessage = SendableMessage | LinkMessageContent;
