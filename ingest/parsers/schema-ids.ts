/** Ids of schema nodes, shared by the parsers that describe or use attributes, relations and types. */
export type SchemaItem = 'attribute' | 'relation' | 'type';

export const schemaId = (item: SchemaItem, raw: string) => `schema:${item}:${raw}`;
