import { Language } from '../users/language';
import { Role } from '../users/role';

/** The acting user, as the guard resolved it from the access token or session. Services take it first. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  committees: { committee: string; chair: boolean }[];
  /** What the user reads the application, its notifications and its mails in. */
  language: Language;
}
