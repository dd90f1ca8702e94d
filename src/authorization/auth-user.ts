import { Role } from '../users/role';

/** The acting user, as the guard resolved it from the access token. Services take it first. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  committees: { committee: string; chair: boolean }[];
  /** The language the user reads the pages in, once users have one (absent: the pages choose). */
  language?: 'en' | 'nl';
}
