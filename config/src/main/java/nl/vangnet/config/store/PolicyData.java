package nl.vangnet.config.store;

import java.util.List;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;

/**
 * Everything the policy snapshot is compiled from, read in one consistent transaction.
 *
 * @param dataVersion increases with every committed change (the audit log's last sequence number)
 */
public record PolicyData(List<Client> clients, List<Device> devices, List<Profile> profiles,
        List<Registration> registrations, long dataVersion) {
    public PolicyData {
        clients = List.copyOf(clients);
        devices = List.copyOf(devices);
        profiles = List.copyOf(profiles);
        registrations = List.copyOf(registrations);
    }

    public static PolicyData empty() {
        return new PolicyData(List.of(), List.of(), List.of(), List.of(), 0);
    }
}
