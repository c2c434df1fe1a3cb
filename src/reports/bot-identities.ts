// Who a Teams user is in our data. Teams gives each activity the sender's Entra object id, which is the
// person id everywhere else (the directory sync keys people by it), and Teams creates a 1:1 chat with
// that same id. The indirection exists so the composition root can hand the bot another mapping where the
// client is not a real tenant's Teams.

const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface BotIdentities {
  /** The person an activity's `from.aadObjectId` stands for; undefined when it is not a person of ours. */
  personOf(aadObjectId: string | undefined): string | undefined;
  /**
   * The member id to name when creating a 1:1 chat with a person. Teams takes the Entra object id there
   * (the app being installed for the user); another client may want its own user id.
   */
  memberIdOf(personId: string): string;
}

/** A real tenant: the object id is the person id. Anything that is not an object id is nobody. */
export const entraIdentities: BotIdentities = {
  personOf: (aadObjectId) =>
    aadObjectId !== undefined && ENTRA_OBJECT_ID.test(aadObjectId) ? aadObjectId.toLowerCase() : undefined,
  memberIdOf: (personId) => personId,
};
