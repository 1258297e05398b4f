import { richCanvasWidth } from '../protocol/limits.js';
import {
  checkCanvasHeight,
  checkLinkUrl,
  checkNonEmptyString,
  checkObject,
  checkRectangle,
  describe,
  fail,
  type NoteForm,
} from './field-checks.js';

/** A rectangle in canvas pixels: `x`, `y` from the top-left corner, `w` wide, `h` high. */
export interface RichRect {
  /** Left edge in pixels, an integer ≥ 0. */
  x: number;
  /** Top edge in pixels, an integer ≥ 0. */
  y: number;
  /** Width in pixels, an integer ≥ 1; `x + w` ≤ 1040. */
  w: number;
  /** Height in pixels, an integer ≥ 1; `y + h` ≤ the canvas height. */
  h: number;
}

/** Opens `params.linkUri` (http or https) in the LINE app. `text` is the action's label. */
export interface RichWebAction {
  /** `web`: open a link. */
  type: 'web';
  /** The action's label. Non-empty. */
  text: string;
  /** `linkUri`: the http or https URL to open. */
  params: {
    /** The http or https URL to open. */
    linkUri: string;
  };
}

/** Sends `params.text` as a message from the user to the bot. */
export interface RichSendMessageAction {
  /** `sendMessage`: send a text as the user. */
  type: 'sendMessage';
  /** The action's label, non-empty when given. Optional: LINE's PHP, Perl, Java and npm SDKs wrote only `params.text` (spec §3). */
  text?: string;
  /** `text`: the message sent. Non-empty. */
  params: {
    /** The message sent. Non-empty. */
    text: string;
  };
}

/** An action a touch listener triggers. */
export type RichAction = RichWebAction | RichSendMessageAction;

/** Draws image `image` (a key of `images`) at a rectangle of the canvas. */
export interface RichDraw extends RichRect {
  /** A key of {@link RichMarkup.images}. */
  image: string;
}

/** A touch area `params: [x, y, w, h]` that triggers `action` (a key of `actions`). */
export interface RichListener {
  /** Always `touch`. */
  type: 'touch';
  /** The touch rectangle `[x, y, w, h]`, inside the canvas. */
  params: [x: number, y: number, w: number, h: number];
  /** A key of {@link RichMarkup.actions}. */
  action: string;
}

/** A scene: what is drawn and where the user can touch. */
export interface RichScene {
  /** Images drawn, in order. */
  draws: RichDraw[];
  /** Touch areas. */
  listeners: RichListener[];
}

/**
 * The markup of a rich message (spec §3), sent as the JSON text `MARKUP_JSON`. The canvas is
 * 1040 pixels wide and at most 2080 high; the images are the JPEGs the LINE app fetches from
 * `DOWNLOAD_URL/1040` (and `/700`, `/460`, `/300`, `/240` at smaller widths, scaled).
 */
export interface RichMarkup {
  /** `width` must be 1040; `height` an integer 1..2080; `initialScene` a key of `scenes`. */
  canvas: {
    /** Always 1040. */
    width: number;
    /** An integer 1..2080. */
    height: number;
    /** The scene shown first: a key of `scenes`. */
    initialScene: string;
  };
  /** Named regions of the downloaded image (usually one, `image1`, covering the canvas). */
  images: Record<string, RichRect>;
  /** Named actions that listeners trigger. */
  actions: Record<string, RichAction>;
  /** Named scenes (usually one, `scene1`). */
  scenes: Record<string, RichScene>;
}

/**
 * Validates a rich message markup object and returns it unchanged, typed. Checks: canvas width
 * 1040, height an integer 1..2080, `initialScene` names a scene, every image and draw rectangle
 * and every listener rectangle lies inside the canvas, draws name existing images, listeners are
 * `touch` and name existing actions, actions are `web` (a non-empty `text` and an http/https `linkUri`) or
 * `sendMessage` (a non-empty `params.text`; its own `text` label is optional, as LINE's SDKs left it out).
 * Other keys are left alone.
 *
 * @param markup - the markup, e.g. parsed from `MARKUP_JSON`
 * @param field - the path prefix used in error fields; default `markup`
 * @throws MessageValidationError naming the field, e.g. `markup.scenes.scene1.listeners[0].action`
 */
export function validateRichMarkup(markup: unknown, field = 'markup'): RichMarkup {
  return checkRichMarkup(markup, field);
}

/**
 * {@link validateRichMarkup}, for a markup from the wire when `note` is given (`validateOutgoingMessage`):
 * `actions` may then also be an empty array, as LINE's PHP SDK encoded "no actions" (spec §3.1), which is
 * noted. Internal.
 */
export function checkRichMarkup(markup: unknown, field: string, note?: NoteForm): RichMarkup {
  const root = checkObject(markup, field);

  const canvas = checkObject(root.canvas, `${field}.canvas`);
  if (canvas.width !== richCanvasWidth) {
    fail(`${field}.canvas.width`, `must be ${richCanvasWidth} (the rich message canvas width is fixed), got ${String(canvas.width)}.`);
  }
  const height = checkCanvasHeight(canvas.height, `${field}.canvas.height`);
  const initialScene = checkNonEmptyString(canvas.initialScene, `${field}.canvas.initialScene`);

  const images = checkObject(root.images, `${field}.images`);
  for (const [name, value] of Object.entries(images)) checkRect(value, height, `${field}.images.${name}`);

  let actions: Record<string, unknown>;
  if (note && Array.isArray(root.actions) && root.actions.length === 0) {
    note(`${field}.actions`, 'is an empty array; LINE accepted it (PHP encodes no actions so), but the documented form is an empty object {}.');
    actions = {};
  } else {
    actions = checkObject(root.actions, `${field}.actions`);
  }
  for (const [name, value] of Object.entries(actions)) checkAction(value, `${field}.actions.${name}`);

  const scenes = checkObject(root.scenes, `${field}.scenes`);
  if (!Object.hasOwn(scenes, initialScene)) fail(`${field}.canvas.initialScene`, `names the scene "${initialScene}", which is not in scenes.`);
  for (const [name, value] of Object.entries(scenes)) {
    const path = `${field}.scenes.${name}`;
    const scene = checkObject(value, path);
    checkArray(scene.draws, `${path}.draws`).forEach((item, index) => {
      const drawPath = `${path}.draws[${index}]`;
      const draw = checkRect(item, height, drawPath);
      const image = checkNonEmptyString(draw.image, `${drawPath}.image`);
      if (!Object.hasOwn(images, image)) fail(`${drawPath}.image`, `names the image "${image}", which is not in images.`);
    });
    checkArray(scene.listeners, `${path}.listeners`).forEach((item, index) => {
      const listenerPath = `${path}.listeners[${index}]`;
      const listener = checkObject(item, listenerPath);
      if (listener.type !== 'touch') fail(`${listenerPath}.type`, `must be "touch", got ${describe(listener.type)}.`);
      const params = checkArray(listener.params, `${listenerPath}.params`);
      if (params.length !== 4) fail(`${listenerPath}.params`, `must be [x, y, w, h], got ${params.length} numbers.`);
      const p = `${listenerPath}.params`;
      checkRectangle({ x: params[0], y: params[1], w: params[2], h: params[3] }, height, p, { x: `${p}[0]`, y: `${p}[1]`, w: `${p}[2]`, h: `${p}[3]` });
      const action = checkNonEmptyString(listener.action, `${listenerPath}.action`);
      if (!Object.hasOwn(actions, action)) fail(`${listenerPath}.action`, `names the action "${action}", which is not in actions.`);
    });
  }
  return root as unknown as RichMarkup;
}

function checkArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) fail(field, 'must be an array.');
  return value;
}

function checkRect(value: unknown, canvasHeight: number, field: string): Record<string, unknown> {
  const rect = checkObject(value, field);
  checkRectangle({ x: rect.x, y: rect.y, w: rect.w, h: rect.h }, canvasHeight, field, {
    x: `${field}.x`,
    y: `${field}.y`,
    w: `${field}.w`,
    h: `${field}.h`,
  });
  return rect;
}

function checkAction(value: unknown, field: string): void {
  const action = checkObject(value, field);
  if (action.type !== 'web' && action.type !== 'sendMessage') fail(`${field}.type`, `must be "web" or "sendMessage", got ${describe(action.type)}.`);
  // spec §3: a sendMessage action's own label is optional (LINE's PHP, Perl, Java and npm SDKs wrote only params.text).
  if (action.type === 'web' || action.text !== undefined) checkNonEmptyString(action.text, `${field}.text`);
  const params = checkObject(action.params, `${field}.params`);
  if (action.type === 'web') checkLinkUrl(params.linkUri, `${field}.params.linkUri`);
  else checkNonEmptyString(params.text, `${field}.params.text`);
}
