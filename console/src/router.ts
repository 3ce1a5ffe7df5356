import { createRouter, createWebHistory } from 'vue-router';
import { isAuthority, isRegistrar, loadSession, session } from './lib/session';

/** Pages load on demand: a first visit fetches the shell and the page it opens, nothing more. */
export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
    // Where '/' leads depends on who signed in, known only once the session is loaded (below).
    { path: '/', name: 'home', component: { render: () => null } },
    { path: '/students', name: 'roster', component: () => import('./pages/RosterPage.vue') },
    { path: '/students/new', name: 'enrol', component: () => import('./pages/EnrolPage.vue'), meta: { registrar: true } },
    { path: '/students/import', name: 'import', component: () => import('./pages/ImportPage.vue'), meta: { registrar: true } },
    { path: '/students/:id', name: 'student', component: () => import('./pages/StudentPage.vue'), props: true },
    { path: '/guardian/login', name: 'guardian-login', component: () => import('./pages/GuardianLoginPage.vue'), meta: { public: true, guardian: true } },
    { path: '/guardian/signup', name: 'guardian-signup', component: () => import('./pages/GuardianSignupPage.vue'), meta: { public: true, guardian: true } },
    { path: '/guardian', name: 'guardian', component: () => import('./pages/GuardianPage.vue'), meta: { public: true, guardian: true } },
    // Every staff account decides steps: a school confirms a transfer out or a guardian's correction.
    { path: '/inbox', name: 'inbox', component: () => import('./pages/InboxPage.vue') },
    { path: '/requests', name: 'requests', component: () => import('./pages/RequestsPage.vue') },
    { path: '/requests/:id', name: 'request', component: () => import('./pages/RequestPage.vue'), props: true },
    { path: '/transfers/new', name: 'transfer', component: () => import('./pages/TransferPage.vue'), meta: { registrar: true } },
    { path: '/guardian/children/:id', name: 'guardian-child', component: () => import('./pages/GuardianChildPage.vue'), props: true, meta: { public: true, guardian: true } },
    { path: '/guardian/children/:id/requests/new', name: 'guardian-ask', component: () => import('./pages/GuardianRequestPage.vue'), props: true, meta: { public: true, guardian: true } },
    { path: '/guardian/children/:id/consents', name: 'guardian-consents', component: () => import('./pages/GuardianConsentsPage.vue'), props: true, meta: { public: true, guardian: true } },
    { path: '/guardian/children/:id/disclosures', name: 'guardian-disclosures', component: () => import('./pages/GuardianDisclosuresPage.vue'), props: true, meta: { public: true, guardian: true } },
    { path: '/leavers', name: 'leavers', component: () => import('./pages/LeaversPage.vue'), meta: { registrar: true } },
    { path: '/leaver-lists', name: 'leaver-lists', component: () => import('./pages/LeaverListsPage.vue'), meta: { authority: true } },
    { path: '/leaver-lists/:id', name: 'leaver-list', component: () => import('./pages/LeaverListPage.vue'), props: true },
    { path: '/certificates/:id', name: 'certificate', component: () => import('./pages/CertificatePage.vue'), props: true },
    { path: '/accounts', name: 'accounts', component: () => import('./pages/AccountsPage.vue'), meta: { authority: true } },
    { path: '/keys', name: 'keys', component: () => import('./pages/KeysPage.vue'), meta: { authority: true } },
    { path: '/warnings', name: 'warnings', component: () => import('./pages/WarningsPage.vue'), meta: { authority: true } },
    { path: '/statistics', name: 'statistics', component: () => import('./pages/StatisticsPage.vue'), meta: { authority: true } },
    { path: '/:rest(.*)', redirect: '/' },
  ],
});

router.beforeEach(async (to) => {
  // Guardians' pages check their own session (their own cookie) and never ask /auth/me.
  if (to.meta.guardian) return true;
  // A reload keeps the session: the cookie is still there, GET /auth/me says whose it is.
  if (!session.checked) await loadSession();
  if (to.meta.public) return true;
  if (!session.me) return { name: 'login', query: { next: to.fullPath } };
  if (to.name === 'home') return isRegistrar(session.me.role) ? '/students' : '/inbox';
  if (to.meta.registrar && !isRegistrar(session.me.role)) return '/';
  if (to.meta.authority && !isAuthority(session.me.role)) return '/';
  return true;
});
