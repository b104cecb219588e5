export default {
  routes: [
    {
      method: 'POST',
      path: '/students/admissions',
      handler: 'student.admit',
      config: { policies: [] },
    },
  ],
};
