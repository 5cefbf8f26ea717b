-- PostgreSQL only (Database adds this location for jdbc:postgresql: URLs; H2 has no LISTEN/NOTIFY and needs none).
-- Every audited write moves the audit chain's head, and the head's last_seq is the store's data version. This
-- trigger turns that move into NOTIFY vangnet_changes, '<new data version>' in the writing transaction, so that
-- PostgreSQL delivers it at commit (never for a rolled-back write) to every proxy node that LISTENs
-- (nl.vangnet.config.store.ChangeListener). Numbered 3.1 so that a later shared V4 stays free for both databases.
CREATE FUNCTION vangnet_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('vangnet_changes', NEW.last_seq::text);
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_head_notify_change
    AFTER UPDATE OF last_seq ON audit_head
    FOR EACH ROW
    WHEN (NEW.last_seq IS DISTINCT FROM OLD.last_seq)
    EXECUTE FUNCTION vangnet_notify_change();
