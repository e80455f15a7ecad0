import { AutocompleteInput, ReferenceInput } from 'react-admin';

/** A list filter that picks a related record (an office, a company) by typing its name. */
export const referenceFilter = (source: string, reference: string) => (
  <ReferenceInput key={source} source={source} reference={reference}>
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>
);
