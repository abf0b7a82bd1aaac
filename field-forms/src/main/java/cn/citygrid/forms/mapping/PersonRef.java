package cn.citygrid.forms.mapping;

import java.util.Objects;

/** The person a fact is about: a known golden person, or one the worker met for the first time. */
public sealed interface PersonRef {

    /** A person the grid already knows ({@code grid.person.id}). */
    record Existing(String personId) implements PersonRef {
        public Existing {
            Objects.requireNonNull(personId, "personId");
        }
    }

    /** A new person as written on the form; the server resolves or creates them by ID number. */
    record NewPerson(String name, String idNumber) implements PersonRef {
        public NewPerson {
            Objects.requireNonNull(name, "name");
        }
    }
}
