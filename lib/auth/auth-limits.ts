/** Password length limits, shared by the forms in the browser and by the server. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
