import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Stored unencrypted by Temporal: ids and state names only, never e-mails, names or CNPJs.
export const machineKey = defineSearchAttributeKey('VinculoMachine', SearchAttributeType.KEYWORD);
export const machineVersionKey = defineSearchAttributeKey('VinculoMachineVersion', SearchAttributeType.INT);
export const stateKey = defineSearchAttributeKey('VinculoState', SearchAttributeType.KEYWORD);
export const entityKey = defineSearchAttributeKey('VinculoEntity', SearchAttributeType.KEYWORD);

export const vinculoSearchAttributes = [machineKey, machineVersionKey, stateKey, entityKey];

/** The `--search-attribute` flags that register the keys on a dev server. */
export const devServerSearchAttributeFlags = (): string[] =>
  vinculoSearchAttributes.flatMap((k) => [
    '--search-attribute',
    `${k.name}=${k.type === SearchAttributeType.INT ? 'Int' : 'Keyword'}`,
  ]);
