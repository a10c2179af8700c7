package io.floe.e2e.strimzi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Refuses a resource in which Strimzi's or Kubernetes' model kept a field aside as unknown.
 * Their classes take any field they do not know into {@code getAdditionalProperties()} rather
 * than fail, so Jackson's FAIL_ON_UNKNOWN_PROPERTIES alone lets a misspelt field through: this
 * walks the model's getters and looks at every such map.
 */
final class UnknownFields {
  private static final String ADDITIONAL_PROPERTIES = "getAdditionalProperties";

  private UnknownFields() {}

  static <T> T rejected(T resource, String where) {
    List<String> unknown = new ArrayList<>();
    collect(resource, "", unknown);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("Cannot read " + where + ": Strimzi does not know the fields " + unknown);
    }
    return resource;
  }

  private static void collect(Object value, String path, List<String> unknown) {
    if (value instanceof Collection<?> elements) {
      int index = 0;
      for (Object element : elements) {
        collect(element, path + "[" + index++ + "]", unknown);
      }
    } else if (value instanceof Map<?, ?> entries) {
      entries.forEach((key, entry) -> collect(entry, path + "." + key, unknown));
    } else if (value != null && isModel(value.getClass())) {
      for (Method getter : value.getClass().getMethods()) {
        if (isGetter(getter)) {
          Object field = call(getter, value);
          if (getter.getName().equals(ADDITIONAL_PROPERTIES)) {
            if (field instanceof Map<?, ?> extra) {
              extra.keySet().forEach(key -> unknown.add(path + "." + key));
            }
          } else {
            collect(field, path + "." + fieldName(getter), unknown);
          }
        }
      }
    }
  }

  private static boolean isModel(Class<?> type) {
    String name = type.getName();
    return name.startsWith("io.strimzi.api.") || name.startsWith("io.fabric8.kubernetes.api.model.");
  }

  private static boolean isGetter(Method method) {
    return method.getName().startsWith("get") && method.getParameterCount() == 0
        && !Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() != Object.class;
  }

  private static String fieldName(Method getter) {
    String name = getter.getName().substring(3);
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static Object call(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + getter + " of " + target.getClass().getName(), e);
    }
  }
}
