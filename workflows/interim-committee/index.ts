export { interimCommittee } from './workflow';
