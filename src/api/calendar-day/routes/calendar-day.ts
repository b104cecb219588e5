import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::calendar-day.calendar-day');
