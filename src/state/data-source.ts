/** Where the data on screen lives: 'local' (in the tab) or a warehouse table (its URL without credentials). */
export type DataSource = { readonly kind: 'local' } | { readonly kind: 'clickhouse'; readonly url: string; readonly table: string }

export const LOCAL_SOURCE: DataSource = { kind: 'local' }
