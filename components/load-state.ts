/** What a view shows while it waits for the background: loading, an error to read, or the value. */
export type LoadState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly view: T };
