package nl.vangnet.admin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.naming.CleanSchemaDefinitionNamingStrategy;
import com.github.victools.jsonschema.generator.naming.DefaultSchemaDefinitionNamingStrategy;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.vangnet.config.model.AccountRole;

/**
 * Builds the OpenAPI 3.1 document of the admin app from its {@link RouteTable} at start-up: every route with its
 * roles, path, query and header parameters, request and response schemas (JSON Schema 2020-12 generated from the
 * request/response records with victools {@code jsonschema-generator}), the bearer security scheme and the problem
 * responses each route can give. Stateless and thread-safe.
 */
public final class OpenApiDocument {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OpenApiDocument() {
    }

    /** The document for {@code routes}. */
    public static ObjectNode build(RouteTable routes, String title, String version) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(Json.mapper(),
                SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forTypesInGeneral().withDefinitionNamingStrategy(new CleanSchemaDefinitionNamingStrategy(
                new DefaultSchemaDefinitionNamingStrategy(),
                name -> name.replace("(", "Of").replaceAll("[^A-Za-z0-9._-]", "")));
        SchemaBuilder schemas = new SchemaGenerator(config.build()).buildMultipleSchemaDefinitions();

        ObjectNode doc = JSON.objectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", title);
        info.put("version", version);
        info.put("description", "Vangnet's admin API. Every route lists the roles that may use it (x-roles); errors "
                + "are RFC 9457 problem details; single resources carry an ETag that writes send back in If-Match.");
        ObjectNode paths = doc.putObject("paths");
        SchemaBuilder problem = schemas;
        for (Endpoint e : routes.endpoints()) {
            ObjectNode path = paths.has(e.path()) ? (ObjectNode) paths.get(e.path()) : paths.putObject(e.path());
            ObjectNode op = path.putObject(e.method().name().toLowerCase(Locale.ROOT));
            op.put("summary", e.summary());
            op.put("operationId", operationId(e));
            op.putArray("tags").add(tag(e.path()));
            ArrayNode roles = op.putArray("x-roles");
            e.roles().stream().map(Enum::name).sorted().forEach(roles::add);
            if (e.isPublic()) {
                op.putArray("security");
            } else if (e.surface() == Endpoint.Surface.API) {
                op.putArray("security").addObject().putArray("bearer");
            } else {
                op.putArray("security").addObject().putArray("session");
            }
            ArrayNode params = op.putArray("parameters");
            Set<String> pathParams = pathParams(e.path());
            for (String name : pathParams) {
                ObjectNode p = params.addObject();
                p.put("name", name).put("in", "path").put("required", true);
                p.putObject("schema").put("type", name.equals("id") || name.endsWith("Id") ? "integer" : "string");
            }
            boolean ifMatch = false;
            for (ApiParam a : routes.params(e)) {
                ObjectNode p = params.addObject();
                p.put("name", a.name()).put("in", a.in()).put("required", a.required())
                        .put("description", a.description());
                ObjectNode s = p.putObject("schema").put("type", a.type());
                if (a.format() != null) {
                    s.put("format", a.format());
                }
                ifMatch |= a.name().equals("If-Match");
            }
            if (e.requestBody() != null) {
                ObjectNode rb = op.putObject("requestBody").put("required", true);
                rb.putObject("content").putObject("application/json")
                        .set("schema", schemas.createSchemaReference(e.requestBody()));
            }
            ObjectNode responses = op.putObject("responses");
            ObjectNode ok = responses.putObject(Integer.toString(e.status()));
            ok.put("description", e.status() == 303 ? "redirect" : e.status() == 204 ? "no content" : "success");
            if (e.status() == 200 && e.method() == HandlerType.GET && !pathParams.isEmpty()
                    && e.surface() == Endpoint.Surface.API && e.responseBody() instanceof Class<?>) {
                ok.putObject("headers").putObject("ETag").put("description", "the version, for If-Match")
                        .putObject("schema").put("type", "string");
            }
            if (e.responseBody() != null) {
                ok.putObject("content").putObject("application/json")
                        .set("schema", schemas.createSchemaReference(e.responseBody()));
            } else if (e.surface() == Endpoint.Surface.PAGE && e.status() == 200) {
                ok.putObject("content").putObject("text/html").putObject("schema").put("type", "string");
            }
            if (e.surface() == Endpoint.Surface.API) {
                if (e.requestBody() != null || !routes.params(e).isEmpty() || !pathParams.isEmpty()) {
                    problem(responses, "400", "a parameter, header or the body cannot be read", problem);
                }
                if (!e.isPublic()) {
                    problem(responses, "401", "no token, or the token was refused", problem);
                    problem(responses, "403", "the role may not use this route", problem);
                    problem(responses, "429", "too many failed logins from this address (Retry-After)", problem);
                }
                if (!pathParams.isEmpty()) {
                    problem(responses, "404", "no such resource (or one of another location)", problem);
                }
                if (ifMatch) {
                    problem(responses, "412", "the If-Match version is stale", problem);
                    problem(responses, "428", "If-Match is missing", problem);
                }
                if (e.requestBody() != null || e.method() != HandlerType.GET) {
                    problem(responses, "422", "the input breaks a rule (errors name every field)", problem);
                }
            } else if (!e.isPublic()) {
                responses.putObject("303").put("description", "no session: to /login?next=<path>");
                responses.putObject("403").put("description", "the role may not use this page");
            }
        }
        ObjectNode components = doc.putObject("components");
        components.set("schemas", schemas.collectDefinitions("components/schemas"));
        ObjectNode security = components.putObject("securitySchemes");
        security.putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "a token issued by `vangnet token issue` or POST /api/v1/accounts/{id}/tokens");
        security.putObject("session").put("type", "apiKey").put("in", "cookie").put("name", "vangnet_session")
                .put("description", "the pages' session cookie, set by POST /login");
        ArrayNode roleDoc = doc.putArray("x-roles");
        for (AccountRole r : AccountRole.values()) {
            roleDoc.add(r.name());
        }
        return doc;
    }

    /** The path parameters of a Javalin path, in order. */
    static Set<String> pathParams(String path) {
        Set<String> out = new TreeSet<>();
        Matcher m = PATH_PARAM.matcher(path);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static void problem(ObjectNode responses, String status, String description, SchemaBuilder schemas) {
        ObjectNode r = responses.putObject(status).put("description", description);
        r.putObject("content").putObject(ProblemDetails.MEDIA_TYPE)
                .set("schema", schemas.createSchemaReference(ProblemDetails.class));
    }

    private static String tag(String path) {
        String[] parts = path.split("/");
        if (path.startsWith("/api/v1/") && parts.length > 3) {
            return parts[3];
        }
        return path.startsWith("/api/") ? "api" : parts.length > 1 && !parts[1].isEmpty() ? parts[1] : "root";
    }

    private static String operationId(Endpoint e) {
        String cleaned = e.path().replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_");
        return e.method().name().toLowerCase(Locale.ROOT) + cleaned;
    }
}
