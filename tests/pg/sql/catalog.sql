-- every function of the extension: volatility, strictness, parallel safety, comment
SELECT p.oid::regprocedure AS function,
       p.provolatile AS volatility, p.proisstrict AS strict, p.proparallel AS parallel,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS has_comment
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'antidote'
ORDER BY p.proname, p.oid::regprocedure::text;

-- the library and the installed SQL objects agree on the version
SELECT antidote_version() = extversion AS versions_agree FROM pg_extension WHERE extname = 'antidote';
