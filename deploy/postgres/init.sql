-- One database per partner, as each partner agency runs its own in production.
CREATE DATABASE francetravail;
CREATE DATABASE mtes;
CREATE DATABASE anct;
CREATE DATABASE catalog;
CREATE DATABASE gateway;
