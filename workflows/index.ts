export { estateSurvey } from './estate-survey';
