/**
 * What a module contributes to a user's data export and account deletion. Identity owns accounts and
 * calls every contributor when a user exports their data or deletes their account, so `DELETE /user`
 * reaches across modules without identity knowing their stores.
 */
export interface UserDataContributor {
  readonly name: string;
  export(userId: string): Promise<unknown>;
  /** Deletes everything the user owns in this module, blobs included. Must be safe to run twice. */
  delete(userId: string): Promise<void>;
}
