/**
 * Whether `key` is the object's own property: never true for inherited names like "toString", so
 * a key from a request never reaches a prototype's member when it is looked up in a table.
 */
export const ownKey = (object: object, key: string): boolean => Object.hasOwn(object, key);
