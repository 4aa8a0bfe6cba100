-- search_path attacks: look-alike functions and operators in a schema ahead of
-- pg_catalog and the extension must never capture the extension's own calls.
CREATE SCHEMA evil;
CREATE FUNCTION evil.capture() RETURNS void LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'captured by the evil schema'; END$$;
CREATE FUNCTION evil.count(anyelement) RETURNS bigint LANGUAGE plpgsql AS $$BEGIN PERFORM evil.capture(); RETURN 0; END$$;
CREATE FUNCTION evil.to_jsonb(anyelement) RETURNS jsonb LANGUAGE plpgsql AS $$BEGIN PERFORM evil.capture(); RETURN NULL; END$$;
CREATE FUNCTION evil.to_json(anyelement) RETURNS json LANGUAGE plpgsql AS $$BEGIN PERFORM evil.capture(); RETURN NULL; END$$;
CREATE FUNCTION evil.json_object_keys(json) RETURNS SETOF text LANGUAGE plpgsql AS $$BEGIN PERFORM evil.capture(); END$$;
CREATE FUNCTION evil.format(text, VARIADIC text[]) RETURNS text LANGUAGE plpgsql AS $$BEGIN PERFORM evil.capture(); RETURN NULL; END$$;
CREATE FUNCTION evil.fuzzy_hash(text) RETURNS text LANGUAGE plpgsql AS $$BEGIN PERFORM evil.capture(); RETURN NULL; END$$;
CREATE FUNCTION evil.neq(tid, tid) RETURNS boolean LANGUAGE plpgsql AS $$BEGIN PERFORM evil.capture(); RETURN true; END$$;
CREATE OPERATOR evil.<> (LEFTARG = tid, RIGHTARG = tid, FUNCTION = evil.neq);
CREATE TABLE sec_docs (id int, body text, prov json);
CREATE TRIGGER sec_guard BEFORE INSERT OR UPDATE ON sec_docs FOR EACH ROW
	EXECUTE FUNCTION antidote.guard('body', 'prov', 'on_reject=quarantine');
SET search_path = evil, public, pg_catalog;
-- the guard, the quarantine path, the policy check and release run untouched
INSERT INTO sec_docs VALUES (1, 'a harmless row', NULL);
SELECT antidote.guard_check('on_reject=quarantine');
SELECT antidote.release(-1);
SELECT count(*) FROM public.sec_docs;
RESET search_path;
DROP TABLE sec_docs;
DROP SCHEMA evil CASCADE;
