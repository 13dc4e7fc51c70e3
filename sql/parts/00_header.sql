/*
 * empathy 0.1.0 install script, assembled from the files in sql/parts.
 * Objects live in schema @extschema@ (empathy); every reference is
 * schema-qualified because the extension is trusted and the script runs as
 * the bootstrap superuser.
 */
\echo Use "CREATE EXTENSION empathy" to load this file. \quit

/*
 * The schema.  CREATE EXTENSION creates it as the role that runs the
 * command: in a trusted install a role that is no superuser, which could
 * then rename it, or add functions and operators to it that the
 * extension's own functions, run by another role, would find by name.  So
 * it must hold nothing yet, and the role that runs this script (the
 * bootstrap superuser, in a trusted install) takes it over.  Every name
 * below is qualified: until that check, the schema may hold anything.
 */
DO $empathy_schema$
DECLARE
	ns oid := pg_catalog.to_regnamespace('@extschema@');
BEGIN
	-- made by this transaction (CREATE EXTENSION, or a restore run as one transaction), or a
	-- superuser's; one made earlier by another role may have grants, or objects created by a
	-- transaction still open, that no check here can see
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
	               WHERE n.oid OPERATOR(pg_catalog.=) ns
	                 AND (pg_catalog.age(n.xmin) OPERATOR(pg_catalog.<=) 0 OR r.rolsuper)) THEN
		RAISE EXCEPTION 'schema "@extschema@" already exists and belongs to a role that is not a superuser'
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'The extension takes its schema over; one made earlier by another role may hold what that role put there.',
			      HINT = 'Drop the schema and install again. A restore that creates the schema runs in one transaction (psql -1, pg_restore -1).';
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.pg_class WHERE relnamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_proc WHERE pronamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_type WHERE typnamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_operator WHERE oprnamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_opfamily WHERE opfnamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_opclass WHERE opcnamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_collation WHERE collnamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_conversion WHERE connamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_ts_config WHERE cfgnamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_ts_dict WHERE dictnamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_ts_parser WHERE prsnamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_ts_template WHERE tmplnamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_statistic_ext WHERE stxnamespace OPERATOR(pg_catalog.=) ns)
	   OR EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extnamespace OPERATOR(pg_catalog.=) ns
	              AND extname OPERATOR(pg_catalog.<>) 'empathy')
	THEN
		RAISE EXCEPTION 'schema "@extschema@" must be empty to install extension "empathy"'
			USING ERRCODE = 'object_not_in_prerequisite_state',
			      DETAIL = 'The extension takes the schema over, and objects already there would keep their owner.',
			      HINT = 'Move or drop what schema "@extschema@" holds, or drop the schema, then install the extension again.';
	END IF;
END
$empathy_schema$;
ALTER SCHEMA @extschema@ OWNER TO CURRENT_USER;
/*
 * Grants on the schema survive the change of owner: the installing role
 * may have granted CREATE on it, in the same transaction, to itself or to
 * PUBLIC (or a superuser's schema left by DROP EXTENSION may keep one), and
 * whoever holds CREATE could add to it what the extension's functions
 * would find by name.  Only the owner keeps CREATE; grants of USAGE stay.
 */
DO $empathy_schema_acl$
DECLARE
	g oid;
BEGIN
	FOR g IN SELECT DISTINCT a.grantee
	         FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
	         WHERE n.oid OPERATOR(pg_catalog.=) pg_catalog.to_regnamespace('@extschema@')
	           AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
	           AND a.grantee OPERATOR(pg_catalog.<>) n.nspowner
	LOOP
		IF g OPERATOR(pg_catalog.=) 0 THEN
			REVOKE CREATE ON SCHEMA @extschema@ FROM PUBLIC CASCADE;
		ELSE
			EXECUTE pg_catalog.format('REVOKE CREATE ON SCHEMA @extschema@ FROM %s CASCADE', g::pg_catalog.regrole);
		END IF;
	END LOOP;
	IF EXISTS (SELECT FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
	           WHERE n.oid OPERATOR(pg_catalog.=) pg_catalog.to_regnamespace('@extschema@')
	             AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
	             AND a.grantee OPERATOR(pg_catalog.<>) n.nspowner) THEN
		RAISE EXCEPTION 'schema "@extschema@" grants CREATE to a role other than its owner'
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'A role that may create objects in the extension''s schema could add what its functions would find by name.',
			      HINT = 'Revoke CREATE on schema "@extschema@" from every role but its owner, then install the extension again.';
	END IF;
END
$empathy_schema_acl$;
