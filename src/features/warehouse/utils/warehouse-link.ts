/**
 * The warehouse in a link: `?source=clickhouse&url=URL&table=DB.TABLE` opens the connection
 * form filled in, and asks for the credentials. A link never holds credentials: a URL with a
 * user or password in it is refused, and connecting writes only the source, address and table.
 */
export interface WarehouseLink {
  readonly url: string
  readonly table: string
}

/** The warehouse a query string asks for, or null. */
export function warehouseLinkOf(search: string): WarehouseLink | null {
  const params = new URLSearchParams(search)
  if (params.get('source') !== 'clickhouse') return null
  return { url: params.get('url') ?? '', table: params.get('table') ?? '' }
}

/** The query string with the warehouse's source, address and table set (other parameters kept). */
export function withWarehouseLink(search: string, link: WarehouseLink): string {
  const params = new URLSearchParams(search)
  params.delete('data')
  params.delete('synthetic')
  params.set('source', 'clickhouse')
  params.set('url', link.url)
  params.set('table', link.table)
  return `?${params.toString()}`
}

/** Why `text` cannot be a warehouse address, or null when it can: http(s), no credentials in it. */
export function warehouseUrlProblem(text: string): string | null {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return 'Give the server\'s address, such as https://clickhouse.example.org:8443.'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The address must start with http:// or https://.'
  if (url.username !== '' || url.password !== '') return 'Put the user and password in their own fields, not in the address.'
  return null
}
