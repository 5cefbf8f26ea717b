/**
 * The admin API's HTTP frame: declared endpoints ({@link nl.vangnet.admin.http.Endpoint}) with the roles that may
 * use them, authentication (bearer tokens for the API, a session cookie for the pages), RFC 9457 problem details,
 * ETags and pagination. Controllers in other packages do HTTP only and hand over to the store and the model.
 */
package nl.vangnet.admin.http;
