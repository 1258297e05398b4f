// TypeDoc plugin loaded by typedoc.json: the documentation policy of `npm run docs`.
// Every export, and every property of an exported interface, class or type alias, needs a doc comment
// (validation.notDocumented + treatValidationWarningsAsErrors). The members of a *variable's inferred
// type* are exempt: the fields of a valibot schema (`MessageEventSchema`) or of an `as const` table
// (`ContentType.text`) are described by the variable's own doc comment and by the documented event and
// message types; repeating a comment on each schema field would add noise, not information.
import { Converter, ReflectionKind } from 'typedoc';

const ownsDocumentedMembers = ReflectionKind.Interface | ReflectionKind.Class | ReflectionKind.TypeAlias;

/** True when `reflection` is a member of the type literal of an exported variable's inferred type. */
function insideVariableType(reflection) {
  for (let parent = reflection.parent; parent; parent = parent.parent) {
    if (parent.kindOf(ReflectionKind.Variable)) return true;
    if (parent.kindOf(ownsDocumentedMembers)) return false;
  }
  return false;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    for (const reflection of Object.values(project.reflections)) {
      if (!reflection.kindOf(ReflectionKind.Property | ReflectionKind.Method) || reflection.hasComment()) continue;
      // The notDocumented validation only reports reflections with a source symbol; dropping the
      // link to the symbol exempts the member (its page and type are rendered as before).
      if (insideVariableType(reflection)) project.reflectionIdToSymbolIdMap.delete(reflection.id);
    }
  });
}
