package io.switchboard.adapter.wecom;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** WeCom's flat XML ({@code <xml><Field>value</Field>…</xml>}): parsed with external entities off, and written. */
final class WeComXml {

  private WeComXml() {}

  static Map<String, String> parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      Element root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
      Map<String, String> fields = new HashMap<>();
      NodeList children = root.getChildNodes();
      for (int i = 0; i < children.getLength(); i++) {
        Node child = children.item(i);
        if (child.getNodeType() == Node.ELEMENT_NODE) {
          fields.put(child.getNodeName(), child.getTextContent());
        }
      }
      return fields;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException("not WeCom XML: " + e.getMessage(), e);
    }
  }

  /** A flat {@code <xml>} document; every value is wrapped in CDATA (a {@code ]]>} inside is split across two). */
  static String write(Map<String, String> fields) {
    StringBuilder xml = new StringBuilder("<xml>");
    fields.forEach((name, value) -> xml.append('<').append(name).append("><![CDATA[")
        .append(value.replace("]]>", "]]]]><![CDATA[>")).append("]]></").append(name).append('>'));
    return xml.append("</xml>").toString();
  }
}
