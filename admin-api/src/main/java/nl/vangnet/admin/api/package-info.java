/**
 * The JSON resources of the admin API under {@code /api/v1}: clients, devices, profiles, registrations (with
 * evaluations, withdrawal, phase-out approval and block counts), lists, node status, audit, accounts and tokens, and
 * {@code check}. Each resource class declares its routes ({@link nl.vangnet.admin.http.Endpoint}: roles, types,
 * status) and holds thin controllers that read the request record, check the care professional's location, and hand
 * over to the store; its request and response records are apart from the model. {@link nl.vangnet.admin.api.ApiRoutes}
 * joins them into the core route table.
 */
package nl.vangnet.admin.api;
