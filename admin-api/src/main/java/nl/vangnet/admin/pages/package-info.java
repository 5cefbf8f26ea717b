/**
 * The admin app's server-rendered pages, in Dutch, for behavioural experts and care professionals: login with an
 * account's token ({@link nl.vangnet.admin.pages.PageSessions}: in-memory sessions with a CSRF token), the review
 * page of every restriction in effect per location, and the forms to record an evaluation and to approve the next
 * phase-out step earlier. {@link nl.vangnet.admin.pages.PageEndpoints#create} delivers the routes as
 * {@link nl.vangnet.admin.http.Endpoint}s; the admin app's frame registers them and checks access. Accessible
 * (semantic HTML, labels, visible focus, no colour as the only signal) and usable without JavaScript.
 */
package nl.vangnet.admin.pages;
