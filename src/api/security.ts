type SecurityRequirements = { [scheme: string]: string[] }[];

/**
 * OpenAPI security requirements. Whether a key is needed for ask/read depends on PUBLIC_SCOPES,
 * which the document cannot know, so those routes list "no key" as one option.
 */
export const keyOptional: SecurityRequirements = [{}, { apiKey: [] }, { bearer: [] }];
export const keyRequired: SecurityRequirements = [{ apiKey: [] }, { bearer: [] }];
