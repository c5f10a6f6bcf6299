/** A name or sentence in both of the app's languages, kept in the data table of what it names. */
export type Text = Readonly<Record<'id' | 'en', string>>;
