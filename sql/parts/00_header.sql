/*
 * empathy 0.1.0 install script, assembled from the files in sql/parts.
 * Objects live in schema @extschema@ (empathy); every reference is
 * schema-qualified because the extension is trusted and the script runs as
 * the bootstrap superuser.
 */
\echo Use "CREATE EXTENSION empathy" to load this file. \quit

