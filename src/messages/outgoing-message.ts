/**
 * Wire shapes of outgoing messages: the `content` object of `POST /v1/events` without `toType`
 * (spec §3). The client adds `toType`, `to`, `toChannel` and `eventType`. Builders in this folder
 * return these after validation; a hand-written value of the same shape is accepted too (the
 * client checks it with `validateOutgoingMessage`).
 */

/** `{contentType:1, text}` */
export interface TextContent {
  /** 1: text. */
  contentType: 1;
  /** The text, non-empty. */
  text: string;
}

/** `{contentType:2, originalContentUrl, previewImageUrl}`: JPEG, original ≤1024×1024, preview ≤240×240. */
export interface ImageContent {
  /** 2: image. */
  contentType: 2;
  /** HTTPS URL of the JPEG on your server. */
  originalContentUrl: string;
  /** HTTPS URL of the JPEG preview on your server. */
  previewImageUrl: string;
}

/** `{contentType:3, originalContentUrl, previewImageUrl}`: MP4 and a JPEG preview. */
export interface VideoContent {
  /** 3: video. */
  contentType: 3;
  /** HTTPS URL of the MP4 on your server. */
  originalContentUrl: string;
  /** HTTPS URL of the JPEG preview on your server. */
  previewImageUrl: string;
}

/** `{contentType:4, originalContentUrl, contentMetadata:{AUDLEN}}`: M4A; AUDLEN is milliseconds as a string. */
export interface AudioContent {
  /** 4: audio. */
  contentType: 4;
  /** HTTPS URL of the M4A on your server. */
  originalContentUrl: string;
  /** `AUDLEN`: the duration in milliseconds, as a string of digits. */
  contentMetadata: {
    /** Duration in milliseconds as a string of digits, e.g. "240000". */
    AUDLEN: string;
  };
}

/** `{contentType:7, text: title, location:{title, address?, latitude, longitude}}` */
export interface LocationContent {
  /** 7: location. */
  contentType: 7;
  /** Shown as the message text; the builder sets it to the title. */
  text: string;
  /** The place: latitude -90..90, longitude -180..180. */
  location: {
    /** Name of the place. */
    title: string;
    /** Street address. */
    address?: string;
    /** Degrees, -90..90. */
    latitude: number;
    /** Degrees, -180..180. */
    longitude: number;
  };
}

/** `{contentType:8, contentMetadata:{STKID, STKPKGID, STKVER?}}`: all strings. */
export interface StickerContent {
  /** 8: sticker. */
  contentType: 8;
  /** Sticker id, package id and optional package version, as strings of digits. */
  contentMetadata: {
    /** Sticker id. */
    STKID: string;
    /** Sticker package id. */
    STKPKGID: string;
    /** Sticker package version. */
    STKVER?: string;
  };
}

/** `{contentType:12, contentMetadata:{SPEC_REV, DOWNLOAD_URL, ALT_TEXT, MARKUP_JSON}}`: MARKUP_JSON is JSON text. */
export interface RichMessageContent {
  /** 12: rich message. */
  contentType: 12;
  /** The rich message fields, all strings. */
  contentMetadata: {
    /** Markup spec revision: "1". */
    SPEC_REV: string;
    /** HTTPS base URL of the image; the LINE app fetches `/1040`, `/700`, `/460`, `/300`, `/240` under it. */
    DOWNLOAD_URL: string;
    /** Text shown where the rich message cannot be. */
    ALT_TEXT: string;
    /** The markup (a `RichMarkup` object) serialised with `JSON.stringify`. */
    MARKUP_JSON: string;
  };
}

/** A BC link message from a registered template; sent with its own `toChannel` and `eventType`. */
export interface LinkMessageContent {
  /** Id of the template registered with LINE. */
  templateId: string;
  /** HTTPS URL of a preview image. */
  previewUrl?: string;
  /** Values of the template's text placeholders. */
  textParams?: Record<string, string>;
  /** Values of the template's sub-text placeholders. */
  subTextParams?: Record<string, string>;
  /** Values of the template's alt-text placeholders. */
  altTextParams?: Record<string, string>;
  /** Values of the template's link-text placeholders. */
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
