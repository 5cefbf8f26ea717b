/**
 * The admin API (Javalin): one route tree, thin controllers, request/response records apart from the model,
 * validation at the edge. {@link nl.vangnet.admin.AdminApp#create} returns an unstarted app for in-process tests.
 */
package nl.vangnet.admin;
