/**
 * A form field's error, tied to its input: the input says it is invalid and is described by the
 * message, so a screen reader reads the message when the form puts focus back on the field.
 */
export const fieldErrorId = (name: string) => `${name}-error`;

export const invalidFieldProps = (name: string, message: string | undefined) =>
  message ? { "aria-invalid": true as const, "aria-describedby": fieldErrorId(name) } : {};

export function FieldError({ name, message }: { name: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="field-error" id={fieldErrorId(name)}>
      {message}
    </span>
  );
}
