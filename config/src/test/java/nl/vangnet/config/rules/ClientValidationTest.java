package nl.vangnet.config.rules;

import static nl.vangnet.config.rules.ProblemAssertions.assertProblems;
import static nl.vangnet.config.rules.ProblemAssertions.assertValid;

import java.util.stream.Stream;
import nl.vangnet.config.model.Client;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientValidationTest {
    private final ModelValidator validator = new ModelValidator(Limits.DEFAULTS);

    private static Client client(String code, String dossier, String location) {
        return new Client(0, code, dossier, location, 0);
    }

    static Stream<Arguments> invalid() {
        String ref = "DOS-1";
        String loc = "Huize Zonnebloem";
        return Stream.of(
                Arguments.of("code missing", client(null, ref, loc), "code", "client code is required"),
                Arguments.of("code blank", client("  ", ref, loc), "code", "client code is required"),
                Arguments.of("code with a space", client("C 42", ref, loc), "code", "1 to 64 letters"),
                Arguments.of("code that is a name", client("Jansen,Piet", ref, loc), "code", "not a name"),
                Arguments.of("code too long", client("C".repeat(65), ref, loc), "code", "1 to 64 letters"),
                Arguments.of("dossier reference missing", client("C-1", null, loc), "dossierReference",
                        "dossier reference is required"),
                Arguments.of("dossier reference too long", client("C-1", "D".repeat(129), loc), "dossierReference",
                        "at most 128 characters"),
                Arguments.of("location missing", client("C-1", ref, ""), "location", "location (house) is required"),
                Arguments.of("location too long", client("C-1", ref, "L".repeat(129)), "location",
                        "at most 128 characters"),
                Arguments.of("no client at all", null, "client", "required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsTheField(String name, Client c, String field, String fragment) {
        assertProblems(validator.client(c), fragment, field);
    }

    static Stream<Client> valid() {
        return Stream.of(Fixtures.client(), client("a", "r", "l"), client("C".repeat(64), "D".repeat(128),
                "L".repeat(128)), client("c.0042_b-x", "DOS/2026/0042", "Huize 't Anker"));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void acceptsValidClients(Client c) {
        assertValid(validator.client(c));
    }
}
