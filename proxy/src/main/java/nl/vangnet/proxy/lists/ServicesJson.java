package nl.vangnet.proxy.lists;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import nl.vangnet.config.rules.Domains;

/**
 * AdGuard's {@code services.json} ({@code {"blocked_services":[{"id","name","rules":[...],"group"}]}}): each
 * service becomes a list {@code service:<id>} whose rules are read as Adblock rules
 * ({@link ListParsers#adblockRule}). A service without a valid id, or with an id seen before, is reported and
 * skipped. Stateless and thread-safe.
 */
final class ServicesJson {
    /** Prefix of the list ids made from services. */
    static final String LIST_PREFIX = "service:";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ServicesJson() {
    }

    /**
     * The services of one file.
     *
     * @param lists   list id ({@code service:<id>}) → its entries, in file order
     * @param logs    list id → the skipped rules of that service
     * @param fileLog problems with the file's structure (services without id, duplicate ids)
     */
    record Parsed(Map<String, ListContent> lists, Map<String, ImportLog> logs, ImportLog fileLog) {
    }

    /**
     * Reads the services of one file.
     *
     * @throws IOException if the stream fails or is not JSON of this shape
     */
    static Parsed parse(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IOException("not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
        JsonNode services = root == null ? null : root.get("blocked_services");
        if (services == null || !services.isArray()) {
            throw new IOException("not an AdGuard services.json: no \"blocked_services\" array at the top level");
        }
        Map<String, ListContent> out = new LinkedHashMap<>();
        Map<String, ImportLog> logs = new LinkedHashMap<>();
        ImportLog fileLog = new ImportLog();
        int index = 0;
        for (JsonNode service : services) {
            index++;
            JsonNode idNode = service.get("id");
            String id = idNode != null && idNode.isTextual() ? Domains.normaliseId(idNode.asText()) : null;
            if (id == null || !ID.matcher(id).matches()) {
                fileLog.malformed(source, 0, String.valueOf(idNode), "service #" + index
                        + " has no valid \"id\" (1 to 64 letters, digits, '.', '_' or '-')");
                continue;
            }
            String listId = LIST_PREFIX + id;
            if (out.containsKey(listId)) {
                fileLog.malformed(source, 0, id, "service #" + index + ": id '" + id + "' occurs twice; the"
                        + " first is used");
                continue;
            }
            String serviceSource = source + "#" + id;
            ImportLog log = logs.computeIfAbsent(listId, k -> new ImportLog());
            ListContent.Builder b = ListContent.builder();
            JsonNode rules = service.get("rules");
            if (rules == null || !rules.isArray()) {
                log.malformed(serviceSource, 0, "", "service '" + id + "' has no \"rules\" array");
            } else {
                int n = 0;
                for (JsonNode rule : rules) {
                    n++;
                    if (!rule.isTextual()) {
                        log.malformed(serviceSource, n, rule.toString(), "a rule must be a string");
                    } else {
                        ListParsers.adblockRule(rule.asText(), serviceSource, n, b, log);
                    }
                }
            }
            out.put(listId, b.build());
        }
        return new Parsed(out, logs, fileLog);
    }
}
