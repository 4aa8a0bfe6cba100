-- antidote 0.3.0 -> 0.4.0
\echo Use "ALTER EXTENSION antidote UPDATE TO '0.4.0'" to load this file. \quit
