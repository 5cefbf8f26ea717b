package nl.vangnet.config.model;

/**
 * A person acting in a role: who decided, was consulted, gave consent or reported. {@code name} may be a name or
 * an internal staff code; Vangnet does not need clients' names.
 */
public record Person(CareRole role, String name) {
    public Person {
        name = Text.trim(name);
    }
}
