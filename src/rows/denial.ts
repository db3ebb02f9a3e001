/** Error codes that mean "not allowed" rather than "went wrong": what probing produces. */
export const DENIAL_CODE = /AccessDenied|Unauthorized|NotAuthorized|Forbidden/i;
