package cn.citygrid.forms.xform;

import cn.citygrid.forms.Json;

final class TestForms {

    private TestForms() {}

    static FormDefinition parse(String resource) {
        try {
            return FormDefinition.parse(Json.resource(resource));
        } catch (FormParseException e) {
            throw new AssertionError(e);
        }
    }
}
