import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

/**
 * The OWL API's OWL 2 DL profile check of one RDF file: one line per violation, "kind TAB term TAB the violation
 * in the OWL API's words", sorted, then "violations N". Test code for tests/test_owl_dl.py.
 */
public class ProfileCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        List<String> lines = new ArrayList<>();
        for (OWLProfileViolation v : report.getViolations()) {
            Object what = v.getExpression();
            lines.add(v.getClass().getSimpleName() + "\t" + (what == null ? "" : one(what)) + "\t" + one(v));
        }
        lines.sort(null);
        for (String line : lines) System.out.println(line);
        System.out.println("violations " + lines.size());
    }

    private static String one(Object o) {
        return o.toString().replace('\n', ' ').replace('\t', ' ');
    }
}
